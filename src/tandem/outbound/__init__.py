"""Product marketing: launches, positioning and messages, and the programs that follow."""
