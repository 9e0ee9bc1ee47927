"""Launch checklists: the tasks a launch needs, from its tier's template."""
