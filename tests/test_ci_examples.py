"""The CI examples for a knowledge-base repository (deploy/ci/) and the pre-commit hook
(.pre-commit-hooks.yaml) run the commands they list, and those commands do their job."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

BIN = Path(sys.executable).parent
BROKEN = "---\nid: broken-in-ci\ntitle: [ไม่ปิดวงเล็บ\n---\n"


def knowledge_base(folder: Path) -> Path:
    for name in ("docs", "overrides", "reference", "schema", "projects", "lessons"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copyfile(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def github_commands() -> list[str]:
    steps = yaml.safe_load((ROOT / "deploy" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))["jobs"]["site"]["steps"]
    return [step["run"] for step in steps if step.get("name") in ("validate", "build")]


def gitlab_commands() -> list[str]:
    jobs = yaml.safe_load((ROOT / "deploy" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    return [line for job in ("validate", "build") for line in jobs[job]["script"]]


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """A CI line, with the package's console scripts of this environment (what the install step provides)."""
    words = shlex.split(command)
    return subprocess.run([str(BIN / words[0]), *words[1:]], cwd=cwd, capture_output=True, text=True, timeout=900)


@pytest.mark.parametrize("commands", [github_commands, gitlab_commands], ids=["github-actions", "gitlab-ci"])
def test_ci_example_validates_and_builds_a_knowledge_base(tmp_path, commands):
    kb = knowledge_base(tmp_path / "kb")
    lines = commands()
    assert [line.split()[0] for line in lines] == ["bestservice", "mkdocs"], lines
    for line in lines:
        result = run(line, kb)
        assert result.returncode == 0, f"`{line}` failed:\n{result.stdout}\n{result.stderr[-3000:]}"
    assert (kb / "site" / "catalogue" / "index.html").is_file()
    (kb / "projects" / "broken-in-ci.md").write_text(BROKEN, encoding="utf-8")
    result = run(lines[0], kb)
    assert result.returncode == 1 and "broken-in-ci.md" in result.stderr, "a broken file must fail the CI's validate step"


def test_pre_commit_hook_validates_the_changed_content_files(tmp_path):
    """pre-commit passes the staged files that match `files` after `entry`: a broken project fails the commit."""
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "bestservice-validate" and hook["language"] == "python" and hook["pass_filenames"]
    matches = re.compile(hook["files"]).search
    assert matches("projects/2569/queue-online-2569.md") and matches("lessons/ask-first.md")
    assert not matches("docs/index.md") and not matches("reference/units.yaml") and not matches("projects/2569/photo.png")
    kb = knowledge_base(tmp_path / "kb")
    changed = sorted((kb / "projects").rglob("*.md"))[:2]
    files = [str(path.relative_to(kb)) for path in changed]
    ok = run(f"{hook['entry']} {' '.join(files)}", kb)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert f"ตรวจ {len(files)} ไฟล์" in ok.stdout
    (kb / "projects" / "broken-in-ci.md").write_text(BROKEN, encoding="utf-8")
    failed = run(f"{hook['entry']} {' '.join(files)} projects/broken-in-ci.md", kb)
    assert failed.returncode == 1 and "projects/broken-in-ci.md:" in failed.stderr


def test_pre_commit_try_repo_blocks_a_commit_with_a_broken_project(tmp_path):
    """The pre-commit framework itself installs this package from its repository (as a content repo's
    .pre-commit-config.yaml would) and runs the hook on a broken file."""
    if not (ROOT / ".git").exists():
        pytest.skip("needs this package as a git repository")
    kb = knowledge_base(tmp_path / "kb")
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=test", "-c", "user.email=test@example.org", "commit", "-qm", "content"]):
        subprocess.run(["git", *command], cwd=kb, check=True, capture_output=True)
    (kb / "projects" / "broken-in-ci.md").write_text(BROKEN, encoding="utf-8")
    # the machine's pip settings and wheel cache stay (PyICU has no wheel on PyPI: built once by `make install`, not again here)
    keep = {name: value for name, value in os.environ.items() if name.startswith(("PIP_", "XDG_CONFIG"))}
    env = keep | {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path)}
    env.setdefault("PIP_CACHE_DIR", os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip"))
    result = subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(ROOT), "bestservice-validate", "--files", "projects/broken-in-ci.md"],
        cwd=kb,
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "projects/broken-in-ci.md:" in out and "Traceback" not in out, out


def test_the_readme_pre_commit_setup_names_the_hook_this_repository_defines():
    """A content editor copies the README's .pre-commit-config.yaml as it is: its hook id must exist."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(repos:.*?)```", readme, flags=re.S)
    assert block, "README.md: the pre-commit section needs a ```yaml block starting with `repos:`"
    named = {hook["id"] for repo in yaml.safe_load(block.group(1))["repos"] for hook in repo["hooks"]}
    defined = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert named and named <= defined, f"README names hooks {named}; .pre-commit-hooks.yaml defines {defined}"
