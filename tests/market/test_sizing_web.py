"""Market sizing pages: create from the form (errors by field), read, edit, export."""

from __future__ import annotations

from html import unescape

from tests.web.conftest import Browser, browser, client, rt, signed_in, user, ws  # noqa: F401


def test_pages_create_show_edit(signed_in: Browser) -> None:  # noqa: F811
    assert "No sizing models yet" in signed_in.get("/w/acme/sizing").text
    form = signed_in.get("/w/acme/sizing/new?method=bottom_up").text
    assert 'name="accounts_base"' in form and 'name="tier_sam"' in form
    data = {"method": "bottom_up", "name": "Restaurants", "currency": "EUR",
            "tier_tam": "TAM", "tier_sam": "OAM", "tier_som": "SOM"}
    values = {"accounts": ("9k", "12k", "15k"), "seats": ("35", "45", "60"),
              "price": ("72", "96", "120"), "serviceable_share": ("50", "60", "70"),
              "adoption": ("2", "4", "6")}
    for key, (low, base, high) in values.items():
        data.update({f"{key}_low": low, f"{key}_base": base, f"{key}_high": high,
                     f"{key}_note": f"source of {key}"})
    wrong = signed_in.post("/w/acme/sizing", {**data, "adoption_high": "lots"})
    assert wrong.status_code == 422
    assert "Adoption in the horizon (high) 'lots' is not a number" in unescape(wrong.text)
    over = signed_in.post("/w/acme/sizing", {**data, "adoption_high": "160"})
    assert over.status_code == 422 and "is a share: at most 100%" in over.text
    done = signed_in.post("/w/acme/sizing", data)
    assert done.status_code == 303
    page = signed_in.follow(done)
    assert "51.8m EUR" in page.text and "OAM" in page.text and "source of price" in page.text
    url = page.url.path
    edit = signed_in.get(url + "/edit").text
    assert 'value="12k"' in edit
    assert signed_in.get(url + "/export.md").headers["content-disposition"].endswith('.md"')
    assert signed_in.get(url + "/chart.svg").headers["content-type"] == "image/svg+xml"
