"""What every feature builds on: who is acting, what they may do, and how a feature declares
itself (its kinds, routes, pages, commands, jobs and navigation) for the one manifest."""
