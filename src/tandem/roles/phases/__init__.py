"""Driver and navigator by lifecycle phase, per product."""
