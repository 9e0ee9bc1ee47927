"""The product (or product line) the workspace builds and sells."""

from __future__ import annotations

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.crud import Resource
from tandem.schema import Name, Strict, long_text
from tandem.schema import Text as TextField
from tandem.storage.base import Base, WorkspaceOwned


class Product(WorkspaceOwned, Base):
    __tablename__ = "products"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")


class ProductCreate(Strict):
    name: Name
    description: TextField = long_text("Description")


products: Resource[Product] = Resource(
    name="products",
    label="Product",
    plural="Products",
    model=Product,
    create_schema=ProductCreate,
    title_field="name",
    unique=("name",),
    search=("name", "description"),
    order_by=(Product.name,),
)
