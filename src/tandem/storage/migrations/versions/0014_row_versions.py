"""row versions: every workspace-owned table gets `row_version` (optimistic concurrency)

Revision ID: 0014
Revises: 0016
Create Date: 2026-11-26 03:00:00
"""

from alembic import op
import sqlalchemy as sa

from tandem.storage.batch import rows_kept

revision = '0014'
down_revision = '0016'
branch_labels = None
depends_on = None

# Every table whose model derives from WorkspaceOwned (storage/base.py) and that a migration
# before this one creates (it came last in its session's merge). A table created after this
# one in the chain has the column in its own CREATE TABLE. tests/storage/test_engine.py::test_models_and_migrations_agree fails for
# a table missing here.
TABLES = (
    'asset_claims', 'asset_versions', 'assets', 'assignments', 'companies',
    'competitor_aliases', 'competitor_changes', 'competitor_mentions', 'competitors',
    'contacts', 'deal_evidence', 'deals', 'duplicate_pairs', 'evidence', 'evidence_merges',
    'evidence_opportunities', 'initiative_items', 'initiatives', 'key_results', 'launches',
    'message_evidence', 'messages', 'messaging_houses', 'messaging_matrix_rows',
    'messaging_pillars', 'messaging_proof_points', 'objectives', 'opportunities',
    'opportunity_releases', 'people', 'persona_evidence', 'persona_launches',
    'persona_messages', 'persona_opportunities', 'personas', 'positioning_canvases',
    'positioning_versions', 'pricing_surveys', 'product_lifecycles', 'product_phase_owners',
    'product_visions', 'products', 'releases', 'requirements', 'roadmap_shares',
    'scoring_models', 'segment_evidence', 'segment_launches', 'segment_messages',
    'segment_opportunities', 'segments', 'sizing_models', 'suggestion_rejections',
    'theme_members', 'themes', 'workshop_actions', 'workshop_answers', 'workshop_decisions',
    'workshop_participants', 'workshops', 'workspace_activities',
)


def upgrade() -> None:
    # A plain ALTER TABLE ... ADD COLUMN on both engines: batch mode would rebuild every
    # table on SQLite, and dropping the old copies cascades into the rows that hang off them.
    for table in TABLES:
        op.add_column(table, sa.Column('row_version', sa.Integer(), nullable=False,
                                       server_default='1'))


def downgrade() -> None:
    for table in reversed(TABLES):
        with rows_kept(table), op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('row_version')
