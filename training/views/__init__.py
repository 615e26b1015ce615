"""Training's views, one module per area (learning, toolkits, reports, certificates)."""
