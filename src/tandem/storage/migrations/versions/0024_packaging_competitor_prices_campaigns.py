"""packaging, competitor prices, campaigns

Revision ID: 0024
Revises: 0014
Create Date: 2026-11-26 05:20:34
"""

from alembic import op
import sqlalchemy as sa

import tandem.storage.base
from tandem.storage.batch import rows_kept


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('competitor_prices',
    sa.Column('competitor_id', sa.Integer(), nullable=False),
    sa.Column('plan', sa.String(length=100), nullable=False),
    sa.Column('amount', sa.Float(), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('period', sa.String(length=16), nullable=False),
    sa.Column('unit', sa.String(length=16), nullable=False),
    sa.Column('included', sa.String(length=1000), nullable=False),
    sa.Column('source_url', sa.String(length=500), nullable=False),
    sa.Column('observed_on', sa.Date(), nullable=False),
    sa.Column('row_version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['competitor_id'], ['competitors.id'], name=op.f('fk_competitor_prices_competitor_id_competitors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_competitor_prices_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competitor_prices'))
    )
    with op.batch_alter_table('competitor_prices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_competitor_prices_competitor_id'), ['competitor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_competitor_prices_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('plan_features',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('row_version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_plan_features_product_id_products'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_plan_features_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_features')),
    sa.UniqueConstraint('product_id', 'name', name=op.f('uq_plan_features_product_id'))
    )
    with op.batch_alter_table('plan_features', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_features_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_features_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('plans',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('row_version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_plans_product_id_products'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_plans_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans')),
    sa.UniqueConstraint('product_id', 'name', name=op.f('uq_plans_product_id'))
    )
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plans_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plans_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('campaigns',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('launch_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('budget', sa.Float(), nullable=True),
    sa.Column('goal', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('row_version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['launch_id'], ['launches.id'], name=op.f('fk_campaigns_launch_id_launches'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_id'], ['people.id'], name=op.f('fk_campaigns_owner_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_campaigns_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaigns')),
    sa.UniqueConstraint('workspace_id', 'name', name=op.f('uq_campaigns_workspace_id'))
    )
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaigns_launch_id'), ['launch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_campaigns_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_campaigns_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('plan_feature_values',
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('feature_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('limit_text', sa.String(length=100), nullable=False),
    sa.Column('row_version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['feature_id'], ['plan_features.id'], name=op.f('fk_plan_feature_values_feature_id_plan_features'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_plan_feature_values_plan_id_plans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_plan_feature_values_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_feature_values')),
    sa.UniqueConstraint('plan_id', 'feature_id', name=op.f('uq_plan_feature_values_plan_id'))
    )
    with op.batch_alter_table('plan_feature_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_feature_values_feature_id'), ['feature_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_feature_values_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_feature_values_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('plan_prices',
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Float(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('period', sa.String(length=16), nullable=False),
    sa.Column('unit', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('row_version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_plan_prices_plan_id_plans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_plan_prices_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_prices'))
    )
    with op.batch_alter_table('plan_prices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_prices_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_prices_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('persona_campaigns',
    sa.Column('persona_id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('row_version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_persona_campaigns_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['persona_id'], ['personas.id'], name=op.f('fk_persona_campaigns_persona_id_personas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_persona_campaigns_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_persona_campaigns')),
    sa.UniqueConstraint('persona_id', 'campaign_id', name=op.f('uq_persona_campaigns_persona_id'))
    )
    with op.batch_alter_table('persona_campaigns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_persona_campaigns_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_persona_campaigns_persona_id'), ['persona_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_persona_campaigns_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('segment_campaigns',
    sa.Column('segment_id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('row_version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_segment_campaigns_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['segment_id'], ['segments.id'], name=op.f('fk_segment_campaigns_segment_id_segments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_segment_campaigns_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_segment_campaigns')),
    sa.UniqueConstraint('segment_id', 'campaign_id', name=op.f('uq_segment_campaigns_segment_id'))
    )
    with op.batch_alter_table('segment_campaigns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_segment_campaigns_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_segment_campaigns_segment_id'), ['segment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_segment_campaigns_workspace_id'), ['workspace_id'], unique=False)

    # A plan comparison asset names its product; SQLite rebuilds the table to add the
    # foreign key, so its versions and claims are kept aside and put back.
    with rows_kept('assets'), op.batch_alter_table('assets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('product_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_assets_product_id'), ['product_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_assets_product_id_products'), 'products', ['product_id'], ['id'], ondelete='SET NULL')



def downgrade() -> None:
    with rows_kept('assets'), op.batch_alter_table('assets', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_assets_product_id_products'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_assets_product_id'))
        batch_op.drop_column('product_id')

    with op.batch_alter_table('segment_campaigns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_segment_campaigns_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_segment_campaigns_segment_id'))
        batch_op.drop_index(batch_op.f('ix_segment_campaigns_campaign_id'))

    op.drop_table('segment_campaigns')
    with op.batch_alter_table('persona_campaigns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_persona_campaigns_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_persona_campaigns_persona_id'))
        batch_op.drop_index(batch_op.f('ix_persona_campaigns_campaign_id'))

    op.drop_table('persona_campaigns')
    with op.batch_alter_table('plan_prices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_prices_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_plan_prices_plan_id'))

    op.drop_table('plan_prices')
    with op.batch_alter_table('plan_feature_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_feature_values_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_plan_feature_values_plan_id'))
        batch_op.drop_index(batch_op.f('ix_plan_feature_values_feature_id'))

    op.drop_table('plan_feature_values')
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaigns_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_campaigns_owner_id'))
        batch_op.drop_index(batch_op.f('ix_campaigns_launch_id'))

    op.drop_table('campaigns')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plans_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_plans_product_id'))

    op.drop_table('plans')
    with op.batch_alter_table('plan_features', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_features_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_plan_features_product_id'))

    op.drop_table('plan_features')
    with op.batch_alter_table('competitor_prices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_competitor_prices_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_competitor_prices_competitor_id'))

    op.drop_table('competitor_prices')
