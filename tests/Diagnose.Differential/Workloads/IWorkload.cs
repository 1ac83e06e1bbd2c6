using System.Reflection;
using Diagnose.Differential.Output;

namespace Diagnose.Differential.Workloads;

/// <summary>A deterministic workload over one library: the same size gives the same cases and the same output.</summary>
internal interface IWorkload
{
    /// <summary>The library's assembly name, as the report and the tests name it.</summary>
    string Library { get; }

    /// <summary>The assembly whose every method the probed run instruments.</summary>
    Assembly Assembly { get; }

    /// <param name="output">Where each case writes its canonical text.</param>
    /// <param name="inputs">How many inputs per kind of case (small in CI, large in the full run).</param>
    void Run(CaseWriter output, int inputs);
}
