"""roadmap rank: the order of releases within a roadmap column

Revision ID: 0020
Revises: 0006
Create Date: 2026-11-26 02:50:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0020'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('releases') as batch:
        batch.add_column(sa.Column('rank', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('releases') as batch:
        batch.drop_column('rank')
