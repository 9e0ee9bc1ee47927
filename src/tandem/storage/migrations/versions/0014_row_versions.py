"""row versions: every workspace-owned table gets `row_version` (optimistic concurrency)

Revision ID: 0014
Revises: 0006
Create Date: 2026-11-26 03:00:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0014'
down_revision = '0006'
branch_labels = None
depends_on = None

# Every table whose model derives from WorkspaceOwned (storage/base.py) and that a migration
# before this one creates. A table created after this one in the chain has the column in its
# own CREATE TABLE. tests/storage/test_engine.py::test_models_and_migrations_agree fails for
# a table missing here.
TABLES = (
    'asset_claims', 'asset_versions', 'assets', 'assignments', 'companies',
    'competitor_aliases', 'competitor_changes', 'competitor_mentions', 'competitors',
    'contacts', 'deal_evidence', 'deals', 'duplicate_pairs', 'evidence', 'evidence_merges',
    'evidence_opportunities', 'launches', 'message_evidence', 'messages', 'messaging_houses',
    'messaging_matrix_rows', 'messaging_pillars', 'messaging_proof_points', 'opportunities',
    'opportunity_releases', 'people', 'personas', 'positioning_canvases',
    'positioning_versions', 'pricing_surveys', 'products', 'releases', 'roadmap_shares',
    'scoring_models', 'segments', 'sizing_models', 'workspace_activities',
)


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('row_version', sa.Integer(), nullable=False,
                                          server_default=sa.text('1')))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('row_version')
