"""Pricing research: Van Westendorp and Gabor-Granger surveys, their points and charts."""
