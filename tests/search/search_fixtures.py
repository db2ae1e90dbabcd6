"""Fixture (imported by the search test modules): a search site built once per module from the repository's docs plus the search fixtures."""

from __future__ import annotations

import pytest
from conftest import serve

__all__ = ["search_site"]
from search_site import build_search_site


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    site = build_search_site(tmp_path_factory.mktemp("search") / "site")
    server, url = serve(site)
    yield site, url
    server.shutdown()
