"""sign-in attempts shared by every process

Revision ID: 0026
Revises: 0025
Create Date: 2026-11-26 10:00:00

The sign-in limits counted attempts in each server process's memory, so N processes gave an
attacker N times the budget and a restart forgot the counts; they are now rows here, counted
by (key, at).
"""

from alembic import op
import sqlalchemy as sa


revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sign_in_attempts',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_attempts'))
    )
    op.create_index('ix_sign_in_attempts_key_at', 'sign_in_attempts', ['key', 'at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_sign_in_attempts_key_at', table_name='sign_in_attempts')
    op.drop_table('sign_in_attempts')
