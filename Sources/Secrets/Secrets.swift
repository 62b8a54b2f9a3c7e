// Placeholder; replaced by the Secrets implementation.
