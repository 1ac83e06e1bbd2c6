using System.Reflection;
using Diagnose.Engine;
using NUnit.Framework;

namespace Diagnose.Tests.Engine;

public sealed class PreloadTests
{
    [Test]
    public void AfterThePreloadEveryAssemblyTheAgentReferencesIsLoaded()
    {
        Preload.Run();

        var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).ToHashSet();
        var missing = new[] { typeof(Preload).Assembly }
            .Concat(typeof(Preload).Assembly.GetReferencedAssemblies().Select(Assembly.Load))
            .SelectMany(a => a.GetReferencedAssemblies())
            .Select(r => r.Name)
            .Where(name => !loaded.Contains(name))
            .ToList();
        Assert.That(missing, Is.Empty, "references of the agent and of its references");
        Assert.That(Preload.Result.Assemblies, Is.GreaterThan(20));
        Assert.That(AppDomain.CurrentDomain.GetAssemblies().Any(a => a.IsDynamic && a.GetName().Name == "Diagnose.Sites.Emitted"), Is.True, "the sites module exists");
    }
}
