"""Packaging tables: a product's plans (ordered), each plan's price points, the features
listed across the plans (ordered), and what each plan gets of each feature.

A product's packaging is edited as one piece (`service.replace`), so these rows are
rewritten together; deleting the product removes them all.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.storage.base import Base, WorkspaceOwned

PLAN_NAME = 100
PLAN_DESCRIPTION = 500
FEATURE_NAME = 200
LIMIT_TEXT = 100


class BillingPeriod(StrEnum):
    monthly = "monthly"
    annual = "annual"
    one_off = "one_off"


class PriceUnit(StrEnum):
    per_seat = "per_seat"
    flat = "flat"


class FeatureState(StrEnum):
    included = "included"
    limit = "limit"  # included up to a limit, stated in words ("3 projects")
    not_included = "not_included"


class Plan(WorkspaceOwned, Base):
    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("product_id", "name"),)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"),
                                            index=True)
    name: Mapped[str] = mapped_column(String(PLAN_NAME))
    description: Mapped[str] = mapped_column(String(PLAN_DESCRIPTION), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class PlanPrice(WorkspaceOwned, Base):
    __tablename__ = "plan_prices"
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"),
                                         index=True)
    amount: Mapped[float] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3))
    period: Mapped[str] = mapped_column(String(16), default=BillingPeriod.monthly.value)
    unit: Mapped[str] = mapped_column(String(16), default=PriceUnit.flat.value)
    position: Mapped[int] = mapped_column(Integer, default=0)


class PlanFeature(WorkspaceOwned, Base):
    __tablename__ = "plan_features"
    __table_args__ = (UniqueConstraint("product_id", "name"),)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"),
                                            index=True)
    name: Mapped[str] = mapped_column(String(FEATURE_NAME))
    position: Mapped[int] = mapped_column(Integer, default=0)


class PlanFeatureValue(WorkspaceOwned, Base):
    __tablename__ = "plan_feature_values"
    __table_args__ = (UniqueConstraint("plan_id", "feature_id"),)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"),
                                         index=True)
    feature_id: Mapped[int] = mapped_column(
        ForeignKey("plan_features.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(16), default=FeatureState.included.value)
    limit_text: Mapped[str] = mapped_column(String(LIMIT_TEXT), default="")
