"""Admin of profiles, practices, drafts and their publications."""
