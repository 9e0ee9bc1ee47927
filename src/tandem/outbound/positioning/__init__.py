"""The positioning canvas: worked step by step, versioned, with a generated statement."""
