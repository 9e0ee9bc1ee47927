"""Product management: customer evidence, opportunities, releases and the roadmap."""
