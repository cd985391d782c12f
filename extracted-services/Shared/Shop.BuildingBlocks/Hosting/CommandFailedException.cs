namespace Shop.BuildingBlocks.Hosting;

/// <summary>A service command could not do its work for a reason the user can act on; the message says which, and the command exits 1.</summary>
public class CommandFailedException(string message) : Exception(message);
