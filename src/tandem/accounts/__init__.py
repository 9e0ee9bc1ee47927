"""Users, workspaces, memberships, API tokens and web sign-in sessions."""
