using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Diagnose.Hooks;
using Diagnose.Rewriting;
using Diagnose.Sites;
using Diagnose.Symbols;
using Diagnose.Targets;

namespace Diagnose.Engine;

/// <summary>
/// Takes the path of one probe once, right after the agent arrives, on a background thread and on a method of the
/// agent itself: the assemblies that path needs get loaded and its code compiled, so the user's first probe costs
/// what every later one costs (measured: about 200 ms less). Nothing of the application is touched, nothing is
/// re-JIT-compiled. <c>DIAGNOSE_WARMUP=0</c> turns it off.
/// </summary>
internal static class Warmup
{
    private static int s_started;

    public static void Start()
    {
        if (Environment.GetEnvironmentVariable("DIAGNOSE_WARMUP") == "0" || Interlocked.Exchange(ref s_started, 1) != 0)
        {
            return;
        }

        var thread = new Thread(Run) { IsBackground = true, Priority = ThreadPriority.BelowNormal, Name = "diagnose warm-up" };
        thread.Start();
    }

    private static void Run()
    {
        using var agent = ReentryGuard.Agent();
        var problem = Exercise();
        AgentLog.Debug(problem is null ? "warm-up done" : $"warm-up: {problem} (nothing else is affected)");
    }

    /// <summary>Takes the path once; null when every step worked, else what went wrong.</summary>
    internal static string? Exercise()
    {
        try
        {
            var target = TargetName.Parse(Protocol.Specs.SpecSet.Parse(Spec).Valid.Single().Target);
            try
            {
                TargetResolver.Resolve(target, [typeof(Warmup).Assembly]);
            }
            catch (DiagnoseException)
            {
                // Expected: the agent's own methods are refused; the resolver has run.
            }

            var method = typeof(Warmup).GetMethod(nameof(Example), BindingFlags.NonPublic | BindingFlags.Static)!;
            var original = DecodeFromFile(method);
            var localSignature = original.LocalSignatureToken == 0 ? null : method.Module.ResolveSignature(original.LocalSignatureToken);
            var shape = MethodShape.Create(method, method.Module.ResolveSignature(method.MetadataToken), localSignature);
            var names = method.GetParameters().Select(p => p.Name!).ToList();
            var instruments = new Instrument[]
            {
                new LogInstrument("warm-up", "$\"{text}: {len(text) * count}\"", custom: new() { ["condition"] = "count > 0" }),
                new TestInstrument("warm-up", "result + count"),
            };
            var errors = new Dictionary<Instrument, string>();
            var site = SiteCompiler.Compile(new SiteLayout(shape, names, MethodSymbols.For(method)), instruments, errors);
            if (site is not null)
            {
                var plan = new ProbePlan { Return = new HookCall(0, 0, site.Captures), TimestampFunction = HookFunctions.TimestampPointer };
                ProbeRewriter.Rewrite(original, shape, plan, new NoTokens());
                site.Emitted?.Retire();
            }

            return site is null || errors.Count > 0 ? $"instruments did not compile: {string.Join("; ", errors.Values)}" : null;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>The IL of one of the agent's methods, read from its file with System.Reflection.Metadata.</summary>
    private static ILBody DecodeFromFile(MethodBase method)
    {
        using var pe = new PEReader(File.OpenRead(method.Module.Assembly.Location));
        var reader = pe.GetMetadataReader();
        var definition = reader.GetMethodDefinition(MetadataTokens.MethodDefinitionHandle(method.MetadataToken));
        return ILDecoder.Decode(pe.GetMethodBody(definition.RelativeVirtualAddress));
    }

    private const string Spec = """{ "warm-up": { "target": "Diagnose.Engine.Warmup.Example(string, int)", "instrument": { "type": "log", "name": "w", "value": "text" } } }""";

    private static string Example(string text, int count)
    {
        var line = text;
        for (var i = 1; i < count; i++)
        {
            line += text;
        }

        return line;
    }

    /// <summary>Tokens nobody will use: the warm-up body is built and dropped, never installed.</summary>
    private sealed class NoTokens : IModuleTokens
    {
        public int GetTokenFromSig(byte[] signature) => 0x11000001;

        public int GetTokenFromTypeSpec(byte[] typeSignature) => 0x1B000001;
    }
}
