"""suggested evidence and requirements: suggestion rejections (remembered per opportunity),
requirements documents (one per opportunity) and the personas they affect

Revision ID: 0017
Revises: 0022
Create Date: 2026-11-26 03:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0017'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('requirements',
    sa.Column('opportunity_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.Column('problem_citations', sa.JSON(), nullable=False),
    sa.Column('stories', sa.JSON(), nullable=False),
    sa.Column('non_goals', sa.JSON(), nullable=False),
    sa.Column('metrics', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('approved_by', sa.String(length=254), nullable=False),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('handoff_what', sa.Text(), nullable=False),
    sa.Column('handoff_user_id', sa.Integer(), nullable=True),
    sa.Column('handoff_to', sa.String(length=200), nullable=False),
    sa.Column('handoff_by', sa.String(length=254), nullable=False),
    sa.Column('handoff_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('tracker_url', sa.String(length=2000), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['handoff_user_id'], ['users.id'], name=op.f('fk_requirements_handoff_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_requirements_opportunity_id_opportunities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_requirements_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requirements')),
    sa.UniqueConstraint('opportunity_id', name=op.f('uq_requirements_opportunity_id'))
    )
    with op.batch_alter_table('requirements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirements_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_requirements_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('requirement_personas',
    sa.Column('requirement_id', sa.Integer(), nullable=False),
    sa.Column('persona_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['persona_id'], ['personas.id'], name=op.f('fk_requirement_personas_persona_id_personas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requirement_id'], ['requirements.id'], name=op.f('fk_requirement_personas_requirement_id_requirements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('requirement_id', 'persona_id', name=op.f('pk_requirement_personas'))
    )
    with op.batch_alter_table('requirement_personas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirement_personas_persona_id'), ['persona_id'], unique=False)

    op.create_table('suggestion_rejections',
    sa.Column('opportunity_id', sa.Integer(), nullable=False),
    sa.Column('evidence_id', sa.Integer(), nullable=False),
    sa.Column('rejected_by', sa.String(length=254), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence.id'], name=op.f('fk_suggestion_rejections_evidence_id_evidence'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_suggestion_rejections_opportunity_id_opportunities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_suggestion_rejections_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suggestion_rejections')),
    sa.UniqueConstraint('opportunity_id', 'evidence_id', name=op.f('uq_suggestion_rejections_opportunity_id'))
    )
    with op.batch_alter_table('suggestion_rejections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suggestion_rejections_evidence_id'), ['evidence_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_suggestion_rejections_opportunity_id'), ['opportunity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_suggestion_rejections_workspace_id'), ['workspace_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('suggestion_rejections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_suggestion_rejections_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_suggestion_rejections_opportunity_id'))
        batch_op.drop_index(batch_op.f('ix_suggestion_rejections_evidence_id'))

    op.drop_table('suggestion_rejections')
    with op.batch_alter_table('requirement_personas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requirement_personas_persona_id'))

    op.drop_table('requirement_personas')
    with op.batch_alter_table('requirements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requirements_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_requirements_status'))

    op.drop_table('requirements')
