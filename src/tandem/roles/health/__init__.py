"""Loop health: alarms that say a team has no marketing or no market, the parallelism index
and the balance of inbound and outbound work."""
