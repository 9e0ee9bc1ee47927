"""driver and navigator by lifecycle phase, owners of opportunities and launches, loop-health
settings

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-26 03:00:00
"""

from alembic import op
import sqlalchemy as sa

from tandem.storage.batch import rows_kept

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def _owned(name: str, *columns: sa.Column, constraints: tuple = ()) -> None:
    op.create_table(
        name, *columns,
        sa.Column('workspace_id', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'],
                                name=op.f(f'fk_{name}_workspace_id_workspaces'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}')),
        *constraints)
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{name}_workspace_id'), ['workspace_id'],
                              unique=False)


def upgrade() -> None:
    _owned('product_lifecycles',
           sa.Column('product_id', sa.Integer(), nullable=False),
           sa.Column('phase', sa.String(length=16), nullable=False),
           sa.Column('since', sa.Date(), nullable=True),
           constraints=(
               sa.ForeignKeyConstraint(['product_id'], ['products.id'],
                                       name=op.f('fk_product_lifecycles_product_id_products'),
                                       ondelete='CASCADE'),
               sa.UniqueConstraint('product_id',
                                   name=op.f('uq_product_lifecycles_product_id'))))
    _owned('product_phase_owners',
           sa.Column('product_id', sa.Integer(), nullable=False),
           sa.Column('phase', sa.String(length=16), nullable=False),
           sa.Column('driver_id', sa.Integer(), nullable=True),
           sa.Column('navigator_id', sa.Integer(), nullable=True),
           constraints=(
               sa.ForeignKeyConstraint(
                   ['product_id'], ['products.id'],
                   name=op.f('fk_product_phase_owners_product_id_products'),
                   ondelete='CASCADE'),
               sa.ForeignKeyConstraint(
                   ['driver_id'], ['people.id'],
                   name=op.f('fk_product_phase_owners_driver_id_people'), ondelete='SET NULL'),
               sa.ForeignKeyConstraint(
                   ['navigator_id'], ['people.id'],
                   name=op.f('fk_product_phase_owners_navigator_id_people'),
                   ondelete='SET NULL'),
               sa.UniqueConstraint('product_id', 'phase',
                                   name=op.f('uq_product_phase_owners_product_id'))))
    with op.batch_alter_table('product_phase_owners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_phase_owners_product_id'), ['product_id'],
                              unique=False)
    op.create_table(
        'health_settings',
        sa.Column('workspace_id', sa.Integer(), nullable=False),
        sa.Column('due_weeks', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'],
                                name=op.f('fk_health_settings_workspace_id_workspaces'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('workspace_id', name=op.f('pk_health_settings')))
    for table in ('opportunities', 'launches'):
        with rows_kept(table), op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_{table}_owner_id'), ['owner_id'],
                                  unique=False)
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_owner_id_people'), 'people',
                                        ['owner_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    for table in ('launches', 'opportunities'):
        with rows_kept(table), op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_owner_id_people'),
                                     type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_{table}_owner_id'))
            batch_op.drop_column('owner_id')
    op.drop_table('health_settings')
    with op.batch_alter_table('product_phase_owners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_phase_owners_product_id'))
    op.drop_table('product_phase_owners')
    with op.batch_alter_table('product_lifecycles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_lifecycles_workspace_id'))
    op.drop_table('product_lifecycles')
