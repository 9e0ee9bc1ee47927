"""The shared resource machinery: scoping, validation, uniqueness, filters, pagination."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.accounts import service as accounts
from tandem.accounts.models import User, Workspace
from tandem.errors import Conflict, Invalid, NotFound
from tandem.inbound.evidence.schemas import EvidenceCreate
from tandem.inbound.evidence.service import evidence
from tandem.inbound.opportunity import OpportunityCreate, opportunities
from tandem.inbound.release import ReleaseCreate, releases
from tandem.outbound.launch import LaunchCreate, launches
from tandem.roles.assignment import AssignmentCreate, PersonCreate, assignments, people
from tandem.runtime import Runtime
from tandem.scope import Scope


def test_create_get_update_delete(scope: Scope) -> None:
    opp = opportunities.create(scope, OpportunityCreate(title="  Shift swaps  "))
    assert opp.title == "Shift swaps" and opp.status == "new"
    update = opportunities.update_schema.model_validate({"status": "validated"})
    opportunities.update(scope, opp.id, update)
    assert opportunities.get(scope, opp.id).status == "validated"
    assert opportunities.get(scope, opp.id).title == "Shift swaps"
    opportunities.delete(scope, opp.id)
    with pytest.raises(NotFound):
        opportunities.get(scope, opp.id)


def test_unique_names_are_case_insensitive_per_workspace(runtime: Runtime, owner: User,
                                                         workspace: Workspace) -> None:
    with runtime.scope(owner, "acme") as scope:
        opportunities.create(scope, OpportunityCreate(title="Payroll export"))
        with pytest.raises(Conflict) as clash:
            opportunities.create(scope, OpportunityCreate(title="payroll EXPORT"))
        assert clash.value.field == "title"
        assert "An opportunity" in clash.value.message
    with runtime.session() as session:
        accounts.create_workspace(session, "Beta", owner)
    with runtime.scope(owner, "beta") as scope:
        opportunities.create(scope, OpportunityCreate(title="Payroll export"))


def test_update_to_an_existing_name_conflicts(scope: Scope) -> None:
    opportunities.create(scope, OpportunityCreate(title="A"))
    b = opportunities.create(scope, OpportunityCreate(title="B"))
    with pytest.raises(Conflict):
        opportunities.update(scope, b.id, opportunities.update_schema.model_validate(
            {"title": "a"}))
    renamed = opportunities.update(scope, b.id, opportunities.update_schema.model_validate(
        {"title": "b"}))
    assert renamed.title == "b"


def test_required_field_cannot_be_cleared(scope: Scope) -> None:
    ev = evidence.create(scope, EvidenceCreate(text="Need a mobile clock-in"))
    for field in ("text", "source", "tags", "received_on"):
        with pytest.raises(ValueError, match=field):
            evidence.update_schema.model_validate({field: None})
    assert evidence.update_schema.model_validate({"segment_id": None}).segment_id is None
    # The service refuses too, even when handed a body that skipped validation.
    unchecked = evidence.update_schema.model_construct(_fields_set={"source"}, source=None)
    with pytest.raises(Invalid) as cleared:
        evidence.update(scope, ev.id, unchecked)
    assert cleared.value.field == "source"


def test_update_keeps_the_create_constraints() -> None:
    with pytest.raises(ValueError, match="at least 1 character"):
        opportunities.update_schema.model_validate({"title": "   "})
    with pytest.raises(ValueError, match="less than or equal to 4"):
        launches.update_schema.model_validate({"tier": 9})
    with pytest.raises(ValueError, match="must be between"):  # beyond any 32-bit column
        launches.update_schema.model_validate({"release_id": 2**63})
    with pytest.raises(ValueError, match="must be between"):  # ids are capped at 2^31-1
        launches.update_schema.model_validate({"release_id": 2**31})


def test_huge_ids_and_wildcards_are_plain_input(scope: Scope) -> None:
    with pytest.raises(NotFound):
        evidence.get(scope, 2**63)
    with pytest.raises(Invalid):
        evidence.list(scope, filters={"segment_id": str(2**63)})
    evidence.create(scope, EvidenceCreate(text="100% of our managers"))
    evidence.create(scope, EvidenceCreate(text="nothing special", tags=["a_b"]))
    # Search is by words: a LIKE wildcard is neither a wildcard nor a word.
    assert evidence.list(scope, q="%").total == 0
    assert evidence.list(scope, q="100%").total == 1
    assert evidence.list(scope, q="_").total == 0
    assert evidence.list(scope, filters={"tag": "a%"}).total == 0
    assert evidence.list(scope, filters={"tag": "a_b"}).total == 1
    with pytest.raises(ValueError, match="null"):
        EvidenceCreate.model_validate({"text": "x", "tags": [None]})


def test_pair_uniqueness_on_assignments(scope: Scope) -> None:
    ana = people.create(scope, PersonCreate(name="Ana")).id
    ben = people.create(scope, PersonCreate(name="Ben")).id
    assignments.create(scope, AssignmentCreate(activity="Pricing", person_id=ana, raci="A"))
    assignments.create(scope, AssignmentCreate(activity="Pricing", person_id=ben, raci="R"))
    with pytest.raises(Conflict):
        assignments.create(scope, AssignmentCreate(activity="Pricing", person_id=ana, raci="C"))


def test_references_must_be_in_the_same_workspace(runtime: Runtime, owner: User,
                                                  workspace: Workspace) -> None:
    with runtime.session() as session:
        accounts.create_workspace(session, "Other", owner)
    with runtime.scope(owner, "other") as scope:
        foreign = releases.create(scope, ReleaseCreate(name="Theirs")).id
    with runtime.scope(owner, "acme") as scope:
        with pytest.raises(Invalid) as bad:
            launches.create(scope, LaunchCreate(name="L", release_id=foreign))
        assert bad.value.field == "release_id"
        with pytest.raises(NotFound):
            releases.get(scope, foreign)


def test_list_filters_search_and_pages(scope: Scope) -> None:
    for i in range(7):
        evidence.create(scope, EvidenceCreate(
            text=f"Item {i} about payroll" if i % 2 else f"Item {i} about swaps",
            source="support" if i < 3 else "interview",
            tags=["mobile"] if i == 4 else [], received_on=date(2026, 1, i + 1)))
    page = evidence.list(scope, limit=3)
    assert (page.total, len(page.items), page.next_offset) == (7, 3, 3)
    assert [e.received_on.day for e in page.items] == [7, 6, 5]
    last = evidence.list(scope, offset=6, limit=3)
    assert len(last.items) == 1 and last.next_offset is None
    assert evidence.list(scope, filters={"source": "support"}).total == 3
    assert evidence.list(scope, q="PAYROLL").total == 3
    assert [e.text for e in evidence.list(scope, filters={"tag": "Mobile"}).items] == [
        "Item 4 about swaps"]
    with pytest.raises(Invalid) as unknown:
        evidence.list(scope, filters={"colour": "red"})
    assert unknown.value.field == "colour"
    with pytest.raises(Invalid):
        evidence.list(scope, limit=1000)
    with pytest.raises(Invalid, match="takes one of interview, support") as bad_value:
        evidence.list(scope, filters={"source": "telepathy"})
    assert bad_value.value.field == "source"


def test_tags_are_normalised(scope: Scope) -> None:
    ev = evidence.create(scope, EvidenceCreate.model_validate(
        {"text": "x", "tags": "Mobile, payroll ,mobile,"}))
    assert ev.tags == ["mobile", "payroll"]


def test_unknown_fields_and_bad_enums_are_rejected() -> None:
    with pytest.raises(ValueError, match="colour"):
        EvidenceCreate.model_validate({"text": "x", "colour": "red"})
    with pytest.raises(ValueError, match="source"):
        EvidenceCreate.model_validate({"text": "x", "source": "telepathy"})
    with pytest.raises(ValueError, match="tier"):
        LaunchCreate.model_validate({"name": "x", "release_id": 1, "tier": 9})


def test_update_schema_keeps_the_create_validators(scope: Scope) -> None:
    ev = evidence.create(scope, EvidenceCreate(text="x"))
    body = evidence.update_schema.model_validate({"tags": "Swaps, swaps, Mobile"})
    assert evidence.update(scope, ev.id, body).tags == ["swaps", "mobile"]
    with pytest.raises(ValueError, match="colour"):
        evidence.update_schema.model_validate({"colour": "red"})


def test_cross_field_rules_see_the_object_after_the_change(scope: Scope) -> None:
    with pytest.raises(Invalid) as early:
        releases.create(scope, ReleaseCreate(name="R", status="planned",
                                             shipped_on=date(2026, 1, 1)))
    assert early.value.field == "shipped_on"
    rel = releases.create(scope, ReleaseCreate(name="R", status="shipped", horizon="now",
                                               shipped_on=date(2026, 1, 1)))
    with pytest.raises(Invalid, match="Only a shipped release"):
        releases.update(scope, rel.id, releases.update_schema.model_validate(
            {"status": "planned"}))
    back = releases.update(scope, rel.id, releases.update_schema.model_validate(
        {"status": "planned", "shipped_on": None}))
    assert back.shipped_on is None
    with pytest.raises(Invalid) as future:
        evidence.create(scope, EvidenceCreate(text="x", received_on=date(2099, 1, 1)))
    assert future.value.field == "received_on"


def _written(scope: Scope, ids: list[int]) -> list[dict[str, object]]:
    """What a batch left behind, per object: its columns, tags, search document and
    events, without what differs between two writes of the same items (ids, times)."""
    from sqlalchemy import select

    from tandem.platform.events.models import Event
    from tandem.storage.search_index import SearchDocument

    found = []
    for obj_id in ids:
        obj = evidence.get(scope, obj_id)
        doc = scope.session.scalars(select(SearchDocument).where(
            SearchDocument.kind == "evidence", SearchDocument.object_id == obj_id)).one()
        logged = scope.session.scalars(select(Event).where(
            Event.kind == "evidence", Event.object_id == obj_id)).all()
        found.append({
            "row": {c: getattr(obj, c) for c in ("text", "source", "customer_company",
                                                  "customer_contact", "company_id",
                                                  "contact_id", "segment_id", "received_on",
                                                  "import_key", "row_version", "workspace_id")},
            "tags": obj.tags, "search": (doc.workspace_id, doc.title, doc.body),
            "events": [(e.verb, e.title, e.changes, e.actor_kind, e.actor_user_id,
                        e.actor_label, e.workspace_id, e.dispatched_at) for e in logged]})
    return found


def test_insert_many_writes_what_create_many_writes(scope: Scope) -> None:
    """The import's bulk path: the same rows, tags, search documents and 'created' events
    (same changes) as `create_many`, ids in the order of the items, on both engines."""
    def items(suffix: str) -> list[EvidenceCreate]:
        return [EvidenceCreate(text=f"Exporting the rota takes hours {suffix}",
                               tags=["export", "rota"], source="support",
                               customer_company="Harbor Dental",
                               customer_contact="Mia Chen <mia@harbordental.com>",
                               received_on=date(2026, 10, 1)),
                EvidenceCreate(text=f"Swaps get lost {suffix}" + " x" * 400),
                EvidenceCreate(text=f"Clock-in on the phone {suffix}", tags=["mobile"],
                               customer_company="Luna Taqueria")]

    made = evidence.create_many(scope, items("A"), [{"import_key": f"a{n}"} for n in range(3)])
    ids = evidence.insert_many(scope, items("A"), [{"import_key": f"b{n}"} for n in range(3)])
    assert len(ids) == 3 and ids == sorted(ids) and not set(ids) & {e.id for e in made}
    assert [e.text for e in evidence.list(scope, q="rota").items] == [items("A")[0].text] * 2
    assert len(evidence.list(scope, filters={"tag": "mobile"}).items) == 2
    scope.session.expire_all()
    bulk, orm = _written(scope, ids), _written(scope, [e.id for e in made])
    for row in orm:
        row["row"]["import_key"] = "b" + str(row["row"]["import_key"])[1:]  # type: ignore[index]
    assert bulk == orm
    assert bulk[0]["events"][0][2]["tags"] == [None, ["export", "rota"]]  # type: ignore[index]
    assert evidence.insert_many(scope, []) == []


def test_insert_many_checks_and_clashes_like_create_many(scope: Scope) -> None:
    with pytest.raises(Invalid):  # a bad reference stops the whole batch
        evidence.insert_many(scope, [EvidenceCreate(text="ok"),
                                     EvidenceCreate(text="bad", segment_id=99999)])
    with pytest.raises(Invalid, match="future"):
        evidence.insert_many(scope, [EvidenceCreate(text="x", received_on=date(2099, 1, 1))])
    evidence.insert_many(scope, [EvidenceCreate(text="first")], [{"import_key": "k"}])
    with pytest.raises(Conflict):  # the import key's unique index
        evidence.insert_many(scope, [EvidenceCreate(text="again")], [{"import_key": "k"}])


def test_create_many_matches_create_one_by_one(scope: Scope) -> None:
    """A batch gets the same checks, search documents, tags and events as single creates."""
    from tandem.platform.events import service as events

    made = evidence.create_many(scope, [
        EvidenceCreate(text="Exporting the rota takes hours", tags=["export", "rota"]),
        EvidenceCreate(text="Swaps get lost in group chats", tags=["swaps"]),
    ])
    assert [e.tags for e in made] == [["export", "rota"], ["swaps"]]
    assert [e.id for e in evidence.list(scope, q="rota").items] == [made[0].id]
    assert [e.id for e in evidence.list(scope, filters={"tag": "swaps"}).items] == [made[1].id]
    created = events.history(scope, kind="evidence", verb="created")
    assert sorted(e.object_id for e in created.items) == sorted(e.id for e in made)
    with pytest.raises(Invalid):  # a bad reference stops the whole batch
        evidence.create_many(scope, [EvidenceCreate(text="ok"),
                                     EvidenceCreate(text="bad", segment_id=99999)])


def test_create_many_checks_each_reference_once_per_batch(scope: Scope) -> None:
    """A batch naming one segment twenty times asks for it once; a missing one is named."""
    from tandem.market.segment import SegmentCreate, segments
    from tests.statements import statements_sent

    segment = segments.create(scope, SegmentCreate(name="Clinics")).id
    with statements_sent(scope.session.get_bind()) as sent:
        made = evidence.create_many(scope, [EvidenceCreate(text=f"item {n}", segment_id=segment)
                                            for n in range(20)])
    assert [e.segment_id for e in made] == [segment] * 20
    assert len([s for s, _ in sent if "FROM segments" in s]) == 1
    with pytest.raises(Invalid) as missing:
        evidence.create_many(scope, [EvidenceCreate(text="ok", segment_id=segment),
                                     EvidenceCreate(text="bad", segment_id=segment + 1000)])
    assert missing.value.field == "segment_id"
    assert f"No segment {segment + 1000} in this workspace." == missing.value.message
