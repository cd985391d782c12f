namespace Strangler.Cli.Doctor;

/// <summary>One check: what was looked at, whether it passed, what was seen, and how to fix it when it did not.</summary>
internal sealed record DoctorCheck(string Area, string Subject, bool Passed, string Seen, string? Fix = null);
