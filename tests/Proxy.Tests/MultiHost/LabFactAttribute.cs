using Testing.Infrastructure.Network;

namespace Proxy.Tests.MultiHost;

/// <summary>A test that needs a <see cref="NetworkLab"/>: skipped, with the reason, where none can be made.</summary>
public sealed class LabFactAttribute : FactAttribute
{
    public LabFactAttribute()
    {
        if (NetworkLab.Unavailable is { } why)
        {
            Skip = "Needs network namespaces: " + why + ".";
        }
    }
}
