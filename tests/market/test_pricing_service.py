"""Pricing surveys in a workspace, on both engines: stored only when readable, re-mapped,
scoped to their workspace and role, every change in the audit log."""

from __future__ import annotations

import pytest

from tandem.accounts import service as accounts
from tandem.accounts.models import Role, User, Workspace
from tandem.demo.market import gabor_granger_csv
from tandem.errors import Conflict, Forbidden, Invalid, NotFound
from tandem.market.pricing import service
from tandem.market.pricing.schemas import SurveyCreate, SurveyUpdate
from tandem.market.pricing.survey import Method
from tandem.platform.events import service as events
from tandem.runtime import Runtime
from tandem.scope import Scope
from tests.conftest import PASSWORD

VW = ("TC,cheap,expensive,too_expensive\n1,2,4,5\n1,2,4,5\n2,3,5,6\n2,3,5,6\n3,4,6,7\n"
      "9,2,4,5\n")


def _vw(**extra: object) -> SurveyCreate:
    values: dict[str, object] = {"name": "Spring", "method": Method.van_westendorp, "csv": VW,
                                 "mapping": {"too_cheap": "TC"}}
    values.update(extra)
    return SurveyCreate.model_validate(values)


def test_create_analyse_remap_and_delete(scope: Scope) -> None:
    survey = service.create_survey(scope, _vw())
    assert (survey.respondents, survey.dropped) == (5, 1)
    assert survey.mapping["too_cheap"] == "TC" and survey.mapping["cheap"] == "cheap"
    result = service.analysis_of(survey)
    assert result.van_westendorp is not None
    assert result.van_westendorp.price("opp") == pytest.approx(3.0)
    assert [s.id for s in service.list_surveys(scope)] == [survey.id]

    # Reading "too cheap" from the cheap column instead: every row is then in order.
    changed = service.update_survey(scope, survey.id,
                                    SurveyUpdate(mapping={"too_cheap": "cheap"}))
    assert (changed.respondents, changed.dropped) == (6, 0)
    with pytest.raises(Invalid, match="'nope' for too_cheap is not in the file"):
        service.update_survey(scope, survey.id, SurveyUpdate(mapping={"too_cheap": "nope"}))
    assert service.chart(survey, "png")[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in service.chart(survey, "svg")
    with pytest.raises(Invalid):
        service.chart(survey, "gif")

    service.delete_survey(scope, survey.id)
    with pytest.raises(NotFound):
        service.get_survey(scope, survey.id)
    verbs = [e.verb for e in events.history(scope, kind=service.KIND).items]
    assert verbs == ["deleted", "updated", "created"]
    logged = events.history(scope, kind=service.KIND).items[-1].changes or {}
    assert "csv_text" not in logged and logged["respondents"] == [None, 5]


def test_nothing_is_stored_when_the_columns_are_not_found(scope: Scope) -> None:
    with pytest.raises(Invalid) as err:
        service.create_survey(scope, _vw(mapping={}))
    assert err.value.field == "too_cheap"
    assert service.list_surveys(scope) == []


def test_names_are_unique_and_references_stay_in_the_workspace(scope: Scope) -> None:
    service.create_survey(scope, _vw())
    with pytest.raises(Conflict):
        service.create_survey(scope, _vw(name="SPRING"))
    with pytest.raises(Invalid, match="No product 999"):
        service.create_survey(scope, _vw(name="Other", product_id=999))


def test_gabor_granger_survey(scope: Scope) -> None:
    survey = service.create_survey(scope, SurveyCreate(
        name="Team plan", method=Method.gabor_granger, csv=gabor_granger_csv(),
        mapping={"respondent": "respondent"}))
    result = service.analysis_of(survey)
    assert survey.respondents == 180
    assert result.gabor_granger is not None and result.gabor_granger.optimal_price == 8


def test_viewers_read_and_other_workspaces_see_nothing(runtime: Runtime, owner: User,
                                                       workspace: Workspace) -> None:
    with runtime.scope(owner, workspace.slug) as scope:
        survey_id = service.create_survey(scope, _vw()).id
    with runtime.session() as session:
        viewer = accounts.create_user(session, "vera@example.com", PASSWORD)
        other = accounts.create_workspace(session, "Other", owner)
    with runtime.scope(owner, workspace.slug) as scope:
        accounts.add_member(scope, viewer.email, Role.viewer)
    with runtime.scope(viewer, workspace.slug) as scope:
        assert service.get_survey(scope, survey_id).name == "Spring"
        with pytest.raises(Forbidden):
            service.create_survey(scope, _vw(name="Mine"))
        with pytest.raises(Forbidden):
            service.delete_survey(scope, survey_id)
    with runtime.scope(owner, other.slug) as scope, pytest.raises(NotFound):
        service.get_survey(scope, survey_id)
