"""HTTP routes, one module per surface. Routes stay thin; logic lives in services."""
