import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _caches_stay_out_of_the_source_tree(monkeypatch, tmp_path_factory):
    """Scans of examples/ and checks/ in this process keep their caches in a temporary
    folder: the tests never write into the checkout, and no test finds another's cache."""
    from complint import cache, parallel

    real = cache.cache_directory
    base = tmp_path_factory.mktemp("caches")

    def elsewhere(config):
        path = real(config)
        try:
            return base / path.resolve().relative_to(REPO)
        except ValueError:
            return path

    monkeypatch.setattr(cache, "cache_directory", elsewhere)
    monkeypatch.setattr(parallel, "cache_directory", elsewhere)
    # complint's compiled patterns (kept beside its bytecode) too.
    from complint import patterns

    patterns.use(base / "patterns")
    yield
    patterns.use(patterns.DEFAULT_FOLDER)
