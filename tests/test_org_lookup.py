"""An agency named with its province ('UBND tỉnh Lạng Sơn') is found: the ingest keys it in that province's
notices as 'ubnd tinh' scoped 'tinh-lang-son' (kg.resolve.resolve_agency), and the lookup asked for
'ubnd tinh lang son' and said not found."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import NOTICE_PATHS
from kg.cli import main
from kg.graph import KnowledgeGraph, NotFound
from loaders.extract import extract_path


@pytest.fixture(scope="module")
def kg(tmp_path_factory):
    g = KnowledgeGraph.open(tmp_path_factory.mktemp("orgs") / "g.lbug")
    g.ingest([extract_path(p) for p in NOTICE_PATHS])
    yield g
    g.close()


def test_a_body_named_with_its_province_is_found(kg):
    want = [{"key": "committee:ubnd tinh@tinh-lang-son", "name": "UBND tỉnh Lạng Sơn", "scope": "tinh-lang-son",
             "label": "Committee"}]
    assert kg.orgs("UBND tỉnh Lạng Sơn") == want
    assert kg.orgs("ubnd tinh lang son") == want  # typed without diacritics
    assert kg.orgs("UBND tỉnh", scope="Lạng Sơn") == want
    assert [o["key"] for o in kg.orgs("Văn phòng UBND tỉnh Lạng Sơn")] == ["agency:van phong ubnd tinh@tinh-lang-son"]
    assert kg.workload("UBND tỉnh Lạng Sơn")["orgs"] == want


def test_another_province_is_not_taken_for_it(kg):
    with pytest.raises(NotFound, match="'UBND tỉnh Lào Cai'"):
        kg.orgs("UBND tỉnh Lào Cai")


def test_cli_workload_of_the_province(runner, tmp_path):
    store = tmp_path / "g.lbug"
    assert runner.invoke(main, ["ingest", str(Path(NOTICE_PATHS[0]).parent), "--store", str(store)]).exit_code == 0
    res = runner.invoke(main, ["workload", "UBND tỉnh Lạng Sơn", "--as-of", "2026-06-01", "--store", str(store)])
    assert res.exit_code == 0, res.stderr
    assert res.stdout.splitlines()[0] == "UBND tỉnh Lạng Sơn: 0 nhiệm vụ (tính đến 2026-06-01)"
    res = runner.invoke(main, ["workload", "Văn phòng UBND tỉnh Lạng Sơn", "--as-of", "2026-06-01", "--json",
                               "--store", str(store)])
    assert res.exit_code == 0 and '"name": "Văn phòng UBND tỉnh"' in res.stdout
