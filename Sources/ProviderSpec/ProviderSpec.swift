// Placeholder; replaced by the ProviderSpec implementation.
