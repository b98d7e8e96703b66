"""An incident lists one page of its reports, by date, with the total and the offset of the next
page: through the library, `tidings query incidents` and the REST API, on both backends."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.store_backends import store_url  # noqa: F401  (a fixture)
from tests.test_incident_tally import article
from tidings.cli import app
from tidings.query import REPORTS_LIMIT, FilterError, Filters, incident, incidents
from tidings.store import Store

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _order(r: dict) -> tuple:
    return (r["published"] is None, r["published"] or "", r["article_id"])


def test_reports_are_paged_by_date_and_add_up(store_url: str) -> None:  # noqa: F811
    made = [article(n, outlet=f"Outlet {n % 4}") for n in range(23)]
    made[5].article.published = None  # an undated report comes last
    with Store(store_url) as store:
        for a in made:
            store.save(a)
        (first,) = incidents(store, Filters(), reports=10)
        assert first["n_reports"] == 23 and len(first["reports"]) == 10
        assert (first["reports_offset"], first["reports_next"]) == (0, 10)
        iid, seen, offset = first["incident_id"], [], 0
        while offset is not None:
            page = incident(store, iid, reports=10, reports_offset=offset)
            assert page is not None and page["reports_offset"] == offset
            seen += page["reports"]
            offset = page["reports_next"]
        assert len(seen) == 23 == len({r["article_id"] for r in seen})
        assert seen == sorted(seen, key=_order) and seen[-1]["article_id"] == made[5].article.id
        assert seen[:10] == first["reports"]
        every = incident(store, iid, reports=None)
        assert every is not None and every["reports"] == seen and every["reports_next"] is None
        later = incidents(store, Filters(), reports=5, reports_offset=20)[0]
        assert later["reports"] == seen[20:] and later["reports_next"] is None


def test_the_default_lists_the_first_hundred(tmp_path) -> None:
    with Store(tmp_path / "big.db") as store:
        for n in range(REPORTS_LIMIT + 3):
            store.save(article(n))
        (inc,) = incidents(store, Filters())
        assert len(inc["reports"]) == REPORTS_LIMIT and inc["n_reports"] == REPORTS_LIMIT + 3
        assert inc["reports_next"] == REPORTS_LIMIT
        one = incident(store, inc["incident_id"])
        assert one is not None and one["reports"] == inc["reports"]


@pytest.mark.parametrize("limit, offset", [(-1, 0), (5, -2), (20_000, 0)])
def test_a_bad_page_is_refused_by_name(tmp_path, limit: int, offset: int) -> None:
    with Store(tmp_path / "s.db") as store, pytest.raises(FilterError, match="reports"):
        incidents(store, Filters(), reports=limit, reports_offset=offset)


def test_cli_and_rest_page_the_reports(tmp_path) -> None:
    from tidings.web import WebSettings, create_app

    db = tmp_path / "cli.db"
    with Store(db) as store:
        for n in range(7):
            store.save(article(n))
        args = ["query", "incidents", "--db", str(db), "--format", "json"]
        out = CliRunner().invoke(app, [*args, "--reports", "3", "--reports-offset", "3"])
        assert out.exit_code == 0, out.output
        (row,) = json.loads(out.output)
        assert len(row["reports"]) == 3 and row["reports_next"] == 6
        bad = CliRunner().invoke(app, [*args, "--reports-offset", "-1"])
        assert bad.exit_code != 0 and "reports offset -1 is negative" in bad.output
        api = TestClient(create_app(store, WebSettings(token="t" * 20)), client=("127.0.0.1", 5))
        got = api.get(f"/api/incidents/{row['incident_id']}", params={"reports": 2}).json()
        assert [r["article_id"] for r in got["reports"]] == [
            r["article_id"] for r in incident(store, row["incident_id"], reports=2)["reports"]
        ]
        assert got["reports_next"] == 2 and got["n_reports"] == 7
        tail = api.get(f"/api/incidents/{row['incident_id']}", params={"reports_offset": 6})
        assert len(tail.json()["reports"]) == 1
        assert api.get(f"/api/incidents/{row['incident_id']}?reports=-1").status_code == 422
