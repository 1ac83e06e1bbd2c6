namespace Sample;

/// <summary>
/// The loop every build of the target runs: one command per line on stdin, one result line printed per command;
/// "exit [code]" ends it. A build's own commands come first (null: not one of them), then <see cref="Commands"/>.
/// </summary>
public static class CommandLoop
{
    public static int Run(Func<string[], string?> own)
    {
        string? line;
        while ((line = Console.ReadLine()) is not null)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            if (parts[0] == "exit")
            {
                return parts.Length > 1 ? int.Parse(parts[1]) : 0;
            }

            Console.WriteLine(own(parts) ?? Commands.Execute(parts));
        }

        return 0;
    }
}
