using NUnit.Framework;

// Fixtures start their own target processes; two at a time suit a 2-core machine.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
