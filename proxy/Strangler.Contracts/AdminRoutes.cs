namespace Strangler.Contracts;

/// <summary>Where the façade's own endpoints live. The prefix is reserved: no capability route may start with it.</summary>
public static class AdminRoutes
{
    public const string Prefix = "/strangler";
    public const string Api = Prefix + "/api";
    public const string Capabilities = Api + "/capabilities";
    public const string Audit = Api + "/audit";
    public const string Manifest = Api + "/manifest";
    public const string Mismatches = Api + "/mismatches";
    public const string Health = Prefix + "/health";

    public static string Capability(string name) => $"{Capabilities}/{Uri.EscapeDataString(name)}";

    public static string Comparison(string name) => $"{Capability(name)}/comparison";

    /// <summary>POST: lets write copies of a capability go again after a dry run was not honoured.</summary>
    public static string ResumeWrites(string name) => $"{Comparison(name)}/resume-writes";

    public static string Mismatch(long id) => $"{Mismatches}/{id}";

    public static string MismatchGoldenCase(long id) => $"{Mismatches}/{id}/golden-case";
}
