"""imports: an import key on evidence, unique per workspace, so re-imports add nothing

Revision ID: 0004
Revises: 0013
Create Date: 2026-11-25 23:59:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('import_key', sa.String(length=32), nullable=True))
        batch_op.create_index('ix_evidence_import_key', ['workspace_id', 'import_key'],
                              unique=True)


def downgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index('ix_evidence_import_key')
        batch_op.drop_column('import_key')
