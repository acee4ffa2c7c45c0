"""Facts about a scenario as a graph: the ways through it, and the states plays can reach."""
