"""Site-wide defences against hostile input, client addresses behind proxies, and error pages."""
