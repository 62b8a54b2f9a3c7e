// Placeholder; replaced by the Sync implementation.
