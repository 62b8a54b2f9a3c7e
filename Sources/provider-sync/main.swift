print("provider-sync")
