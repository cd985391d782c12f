using System.CommandLine;

namespace Strangler.Cli.Commands;

/// <summary>An option that names one side's base address, refused unless it is absolute http(s).</summary>
internal static class BaseAddressOption
{
    public static Option<string> Create(string name, string description, bool required = true)
    {
        var option = new Option<string>(name) { Description = description, Required = required };
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!required && text is null)
            {
                return;
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                result.AddError($"{result.Option.Name} must be an absolute http:// or https:// address; got '{text}'.");
            }
        });
        return option;
    }
}
