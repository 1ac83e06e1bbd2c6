using Diagnose.Native;
using Diagnose.Rewriting;

namespace Diagnose.Engine;

/// <summary>Tokens of one module made by the profiler, cached by signature (the same blob always gets one token).</summary>
internal sealed class ModuleTokens : IModuleTokens
{
    private readonly NativeBridge _bridge;
    private readonly nuint _moduleId;
    private readonly Dictionary<string, int> _signatures = new();
    private readonly Dictionary<string, int> _typeSpecs = new();

    public ModuleTokens(NativeBridge bridge, nuint moduleId)
    {
        _bridge = bridge;
        _moduleId = moduleId;
    }

    public int GetTokenFromSig(byte[] signature) => Cached(_signatures, signature, s => _bridge.GetTokenFromSig(_moduleId, s));

    public int GetTokenFromTypeSpec(byte[] typeSignature) => Cached(_typeSpecs, typeSignature, s => _bridge.GetTokenFromTypeSpec(_moduleId, s));

    private static int Cached(Dictionary<string, int> cache, byte[] blob, Func<byte[], int> make)
    {
        var key = Convert.ToHexString(blob);
        lock (cache)
        {
            if (!cache.TryGetValue(key, out var token))
            {
                token = make(blob);
                cache[key] = token;
            }

            return token;
        }
    }
}
