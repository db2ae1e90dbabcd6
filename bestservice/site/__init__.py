"""The one site build (build.SiteBuild): every generated page, the boards, the search index, the check
page's data and the open data of a knowledge base, and the site source folder any generator builds
(folder.write_site_source). The MkDocs plugin and `bestservice pages` drive it; it never imports MkDocs."""
