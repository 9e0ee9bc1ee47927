"""customers: companies and contacts, and evidence linked to them

Creates `companies` and `contacts`, adds `company_id` and `contact_id` to `evidence`, and
turns each workspace's free-text customers into records: one company per distinct
`customer_company` (compared without case or surrounding spaces), one contact per distinct
`customer_contact` within its company (an email address becomes the contact's email, and
its domain finds the company when the company text is empty), then links every item.

The free-text columns stay, holding what was entered. They are the source's own words
(an import's "ACME Inc." may be linked to the company "Acme"), so they are provenance
worth keeping; every importer and the API keep writing them and get the records resolved
for them (tandem.inbound.customers.resolve), so no caller has to change; and dropping a
column under the other features being built on evidence would break them for no gain.
The records are what pages, filters and sums use.

Revision ID: 0003
Revises: 0010
Create Date: 2026-11-25 23:50:00
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0010'
branch_labels = None
depends_on = None

EMAIL = re.compile(r"^[^@\s]{1,64}@([a-z0-9-]+(\.[a-z0-9-]+)+)$")


def upgrade() -> None:
    op.create_table('companies',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('domain', sa.String(length=253), nullable=True),
    sa.Column('revenue', sa.BigInteger(), nullable=True),
    sa.Column('revenue_period', sa.String(length=16), nullable=False),
    sa.Column('arr', sa.BigInteger(), nullable=True),
    sa.Column('plan', sa.String(length=100), nullable=False),
    sa.Column('segment_id', sa.Integer(), nullable=True),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['segment_id'], ['segments.id'], name=op.f('fk_companies_segment_id_segments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_companies_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_companies')),
    sa.UniqueConstraint('workspace_id', 'domain', name='uq_companies_domain'),
    sa.UniqueConstraint('workspace_id', 'name', name='uq_companies_name'),
    )
    with op.batch_alter_table('companies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_companies_arr'), ['arr'], unique=False)
        batch_op.create_index(batch_op.f('ix_companies_segment_id'), ['segment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_companies_stage'), ['stage'], unique=False)
        batch_op.create_index(batch_op.f('ix_companies_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('contacts',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('persona_id', sa.Integer(), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_contacts_company_id_companies'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['persona_id'], ['personas.id'], name=op.f('fk_contacts_persona_id_personas'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_contacts_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contacts')),
    sa.UniqueConstraint('workspace_id', 'email', name='uq_contacts_email'),
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index('ix_contacts_company', ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contacts_workspace_id'), ['workspace_id'], unique=False)

    _link_evidence()

    _records_from_free_text()


LINKS = (('company_id', 'companies', 'fk_evidence_company_id_companies'),
         ('contact_id', 'contacts', 'fk_evidence_contact_id_contacts'))


CHILDREN = ('evidence_tags', 'evidence_opportunities', 'message_evidence')


@contextmanager
def _children_kept() -> Iterator[None]:
    """On SQLite a batch change copies `evidence` and drops the old table, which with foreign
    keys on deletes every row that cascades from it (tags, links to opportunities and
    messages): keep those rows aside and put them back."""
    if op.get_bind().dialect.name != 'sqlite':
        yield
        return
    for name in CHILDREN:
        op.execute(f'CREATE TEMPORARY TABLE keep_{name} AS SELECT * FROM {name}')
    yield
    for name in CHILDREN:
        op.execute(f'DELETE FROM {name}')
        op.execute(f'INSERT INTO {name} SELECT * FROM keep_{name}')
        op.execute(f'DROP TABLE keep_{name}')


def _link_evidence() -> None:
    """The two columns with their foreign keys and indexes."""
    with _children_kept(), op.batch_alter_table('evidence', schema=None) as batch_op:
        for column, table, name in LINKS:
            batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch_op.create_foreign_key(name, table, [column], ['id'], ondelete='SET NULL')
            batch_op.create_index(f'ix_evidence_{column}', [column], unique=False)


def _records_from_free_text() -> None:
    """Companies and contacts from the free text of existing evidence, and the links."""
    bind = op.get_bind()
    evidence = sa.table('evidence', sa.column('id', sa.Integer),
                        sa.column('workspace_id', sa.Integer),
                        sa.column('customer_company', sa.String),
                        sa.column('customer_contact', sa.String),
                        sa.column('company_id', sa.Integer),
                        sa.column('contact_id', sa.Integer))
    companies = sa.table('companies', sa.column('id', sa.Integer),
                         sa.column('workspace_id', sa.Integer), sa.column('name', sa.String),
                         sa.column('domain', sa.String), sa.column('revenue_period', sa.String),
                         sa.column('plan', sa.String), sa.column('stage', sa.String),
                         sa.column('created_at', sa.DateTime), sa.column('updated_at', sa.DateTime))
    contacts = sa.table('contacts', sa.column('id', sa.Integer),
                        sa.column('workspace_id', sa.Integer), sa.column('name', sa.String),
                        sa.column('email', sa.String), sa.column('title', sa.String),
                        sa.column('company_id', sa.Integer),
                        sa.column('created_at', sa.DateTime), sa.column('updated_at', sa.DateTime))
    documents = sa.table('search_documents', sa.column('workspace_id', sa.Integer),
                         sa.column('kind', sa.String), sa.column('object_id', sa.Integer),
                         sa.column('title', sa.String), sa.column('body', sa.String))
    now = datetime.now(UTC)
    company_ids: dict[tuple[int, str], int] = {}
    contact_ids: dict[tuple[int, object], int] = {}
    links: list[dict[str, object]] = []
    rows = bind.execute(sa.select(evidence.c.id, evidence.c.workspace_id,
                                  evidence.c.customer_company, evidence.c.customer_contact)
                        .order_by(evidence.c.id)).all()
    for evidence_id, workspace_id, company_text, contact_text in rows:
        company_text = (company_text or '').strip()
        contact_text = (contact_text or '').strip()
        found = EMAIL.fullmatch(contact_text.lower())
        email = contact_text.lower() if found else None
        company_id = None
        if company_text:
            key = (workspace_id, company_text.lower())
            if key not in company_ids:
                company_ids[key] = bind.execute(companies.insert().returning(companies.c.id), {
                    'workspace_id': workspace_id, 'name': company_text[:200], 'domain': None,
                    'revenue_period': 'annual', 'plan': '', 'stage': 'customer',
                    'created_at': now, 'updated_at': now}).scalar_one()
                bind.execute(documents.insert(), {
                    'workspace_id': workspace_id, 'kind': 'companies',
                    'object_id': company_ids[key], 'title': company_text[:200],
                    'body': '\n'.join([company_text[:200], '', ''])})
            company_id = company_ids[key]
        contact_id = None
        if contact_text:
            ckey: tuple[int, object] = (workspace_id, email) if email else \
                (workspace_id, (company_id, contact_text.lower()))
            if ckey not in contact_ids:
                contact_ids[ckey] = bind.execute(contacts.insert().returning(contacts.c.id), {
                    'workspace_id': workspace_id, 'name': contact_text[:200], 'email': email,
                    'title': '', 'company_id': company_id,
                    'created_at': now, 'updated_at': now}).scalar_one()
                bind.execute(documents.insert(), {
                    'workspace_id': workspace_id, 'kind': 'contacts',
                    'object_id': contact_ids[ckey], 'title': contact_text[:200],
                    'body': '\n'.join([contact_text[:200], email or '', ''])})
            contact_id = contact_ids[ckey]
        if company_id is not None or contact_id is not None:
            links.append({'eid': evidence_id, 'company': company_id, 'contact': contact_id})
    if links:
        bind.execute(evidence.update().where(evidence.c.id == sa.bindparam('eid'))
                     .values(company_id=sa.bindparam('company'),
                             contact_id=sa.bindparam('contact')), links)


def downgrade() -> None:
    bind = op.get_bind()
    bind.execute(sa.text("DELETE FROM search_documents WHERE kind IN ('companies', 'contacts')"))
    with _children_kept(), op.batch_alter_table('evidence', schema=None) as batch_op:
        for column, _table, name in LINKS:
            batch_op.drop_index(f'ix_evidence_{column}')
            batch_op.drop_constraint(name, type_='foreignkey')
            batch_op.drop_column(column)
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contacts_workspace_id'))
        batch_op.drop_index('ix_contacts_company')
    op.drop_table('contacts')
    with op.batch_alter_table('companies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_companies_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_companies_stage'))
        batch_op.drop_index(batch_op.f('ix_companies_segment_id'))
        batch_op.drop_index(batch_op.f('ix_companies_arr'))
    op.drop_table('companies')
