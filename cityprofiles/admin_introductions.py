"""Admin of introduction requests: the queue, the pipeline and its export."""
