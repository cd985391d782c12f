namespace Shop.BuildingBlocks.Settings;

/// <summary>Configuration that cannot work; the message names the key and what is expected.</summary>
public sealed class InvalidConfigurationException(string message) : Exception(message);
