using System.Collections.Immutable;
using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;

namespace Diagnose.Tests.Symbols;

/// <summary>
/// Writes a one-method assembly and its portable PDB by hand (System.Reflection.Metadata's builders), so tests can
/// place the PDB anywhere (embedded, beside, where CodeView says), embed the source, and declare what the C#
/// compiler only does in release builds: one slot under two names in disjoint scopes.
/// </summary>
/// <remarks>
/// <c>Synthetic.Calc.Run(int a)</c> returns <c>a</c>; its six int slots are declared in the PDB as:
/// root scope [0, 13): <c>total</c> (slot 0), <c>CS$&lt;&gt;8__locals0</c> (slot 4), <c>temp</c> (slot 5, DebuggerHidden);
/// scope [2, 4): <c>first</c> (slot 1); scope [4, 8): <c>second</c> (slot 1, reused), <c>i</c> (slot 2);
/// scope [8, 10): <c>i</c> (slot 3). Sequence points: one per line of <see cref="SourceLines"/> 6–10, and a hidden
/// one at offset 10.
/// </remarks>
internal static class SyntheticAssembly
{
    public const int RootEnd = 13;

    /// <summary>The source the PDB describes (line 1 is the first element).</summary>
    public static readonly string[] SourceLines =
    [
        "namespace Synthetic;",
        "public static class Calc",
        "{",
        "    public static int Run(int a)",
        "    {",
        "        int total = a;",
        "        { int first = total; }",
        "        { int second = total; int i = second; }",
        "        { int i = total; }",
        "        return total;",
        "    }",
        "}",
    ];

    private static readonly Guid Sha256Kind = new("8829D00F-11B8-4213-878B-770E8597AC16");
    private static readonly Guid CSharpKind = new("3F5162F8-07C6-11D3-9053-00C04FA302A1");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    public enum PdbPlacement
    {
        /// <summary>No PDB written (a test may write its own file).</summary>
        None,

        /// <summary>Embedded in the PE (CodeView names a file in a folder that does not exist).</summary>
        Embedded,

        /// <summary>At the absolute path the CodeView entry names, in a subfolder.</summary>
        CodeViewPath,

        /// <summary>Beside the assembly under the file name CodeView names (which differs from the assembly's).</summary>
        BesideCodeViewName,

        /// <summary>Beside the assembly as <c>&lt;assembly&gt;.pdb</c>; CodeView names another file.</summary>
        BesideAssemblyName,
    }

    public enum SourceEmbedding
    {
        None,
        Raw,
        Deflate,
    }

    public static string SourceText => string.Join("\n", SourceLines) + "\n";

    /// <summary>
    /// The PDB file name the CodeView entry names (except for <see cref="PdbPlacement.CodeViewPath"/>): not the
    /// assembly's name, so the two beside-the-assembly rules are told apart.
    /// </summary>
    public static string CodeViewFileName(string name) => name + ".Original.pdb";

    /// <summary>
    /// Writes <c>&lt;name&gt;.dll</c> into <paramref name="directory"/> (and its PDB as placed) and returns its path.
    /// <paramref name="sourceText"/> changes what the PDB records (its checksum, and so its id).
    /// </summary>
    public static string Write(string directory, string name, PdbPlacement placement, SourceEmbedding embedding, string documentPath, string? sourceText = null)
    {
        Directory.CreateDirectory(directory);
        var source = Encoding.UTF8.GetBytes(sourceText ?? SourceText);
        var metadata = new MetadataBuilder();
        var ilStream = new BlobBuilder();
        AddTypeSystem(metadata, ilStream, name);

        var pdbBlob = new BlobBuilder();
        var pdbId = new PortablePdbBuilder(BuildPdb(documentPath, source, embedding), metadata.GetRowCounts(), default, ContentId)
            .Serialize(pdbBlob);

        var assemblyPath = Path.Combine(directory, name + ".dll");
        var codeViewPath = placement == PdbPlacement.CodeViewPath
            ? Path.Combine(directory, "symbols", name + ".pdb")
            : "/nonexistent/build/" + CodeViewFileName(name);
        var debug = new DebugDirectoryBuilder();
        debug.AddCodeViewEntry(codeViewPath, pdbId, portablePdbVersion: 0x0100);
        if (placement == PdbPlacement.Embedded)
        {
            debug.AddEmbeddedPortablePdbEntry(pdbBlob, portablePdbVersion: 0x0100);
        }

        var pe = new ManagedPEBuilder(
            PEHeaderBuilder.CreateLibraryHeader(),
            new MetadataRootBuilder(metadata),
            ilStream,
            debugDirectoryBuilder: debug,
            deterministicIdProvider: ContentId);
        var peBlob = new BlobBuilder();
        pe.Serialize(peBlob);
        File.WriteAllBytes(assemblyPath, peBlob.ToArray());

        var pdbPath = placement switch
        {
            PdbPlacement.CodeViewPath => codeViewPath,
            PdbPlacement.BesideCodeViewName => Path.Combine(directory, CodeViewFileName(name)),
            PdbPlacement.BesideAssemblyName => Path.Combine(directory, name + ".pdb"),
            _ => null,
        };
        if (pdbPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(pdbPath)!);
            File.WriteAllBytes(pdbPath, pdbBlob.ToArray());
        }

        return assemblyPath;
    }

    /// <summary>Writes only the PDB that <see cref="Write"/> would place beside the assembly, for the given source.</summary>
    public static byte[] PdbBytes(string name, string documentPath, string sourceText)
    {
        var metadata = new MetadataBuilder();
        AddTypeSystem(metadata, new BlobBuilder(), name);
        var pdbBlob = new BlobBuilder();
        new PortablePdbBuilder(BuildPdb(documentPath, Encoding.UTF8.GetBytes(sourceText), SourceEmbedding.None), metadata.GetRowCounts(), default, ContentId)
            .Serialize(pdbBlob);
        return pdbBlob.ToArray();
    }

    /// <summary>Loads the assembly from its file into a new collectible context and returns <c>Calc.Run</c>.</summary>
    public static MethodInfo LoadRun(string assemblyPath)
    {
        var context = new AssemblyLoadContext(Path.GetFileName(assemblyPath), isCollectible: true);
        return Run(context.LoadFromAssemblyPath(assemblyPath));
    }

    /// <summary>Loads the assembly's bytes (no file location) and returns <c>Calc.Run</c>.</summary>
    public static MethodInfo LoadRunFromBytes(string assemblyPath)
    {
        var context = new AssemblyLoadContext(Path.GetFileName(assemblyPath) + ".bytes", isCollectible: true);
        using var stream = new MemoryStream(File.ReadAllBytes(assemblyPath));
        return Run(context.LoadFromStream(stream));
    }

    private static MethodInfo Run(Assembly assembly) => assembly.GetType("Synthetic.Calc", throwOnError: true)!.GetMethod("Run")!;

    private static BlobContentId ContentId(IEnumerable<Blob> content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var blob in content)
        {
            hash.AppendData(blob.GetBytes());
        }

        return BlobContentId.FromHash(hash.GetHashAndReset());
    }

    private static void AddTypeSystem(MetadataBuilder metadata, BlobBuilder ilStream, string name)
    {
        metadata.AddModule(0, metadata.GetOrAddString(name + ".dll"), metadata.GetOrAddGuid(new Guid(MD5.HashData(Encoding.UTF8.GetBytes(name)))), default, default);
        metadata.AddAssembly(metadata.GetOrAddString(name), new Version(1, 0, 0, 0), default, default, default, AssemblyHashAlgorithm.Sha1);
        var runtime = metadata.AddAssemblyReference(
            metadata.GetOrAddString("System.Runtime"),
            new Version(8, 0, 0, 0),
            default,
            metadata.GetOrAddBlob(new byte[] { 0xB0, 0x3F, 0x5F, 0x7F, 0x11, 0xD5, 0x0A, 0x3A }),
            default,
            default);
        var objectType = metadata.AddTypeReference(runtime, metadata.GetOrAddString("System"), metadata.GetOrAddString("Object"));

        var signature = new BlobBuilder();
        new BlobEncoder(signature).MethodSignature().Parameters(1, r => r.Type().Int32(), p => p.AddParameter().Type().Int32());
        var locals = new BlobBuilder();
        var variables = new BlobEncoder(locals).LocalVariableSignature(6);
        for (var i = 0; i < 6; i++)
        {
            variables.AddVariable().Type().Int32();
        }

        var localSignature = metadata.AddStandaloneSignature(metadata.GetOrAddBlob(locals));

        var il = new InstructionEncoder(new BlobBuilder());
        il.LoadArgument(0); // 0
        il.StoreLocal(0);
        il.LoadLocal(0); // 2: first = total
        il.StoreLocal(1);
        il.LoadLocal(0); // 4: second = total; i = second
        il.StoreLocal(1);
        il.LoadLocal(1);
        il.StoreLocal(2);
        il.LoadLocal(0); // 8: i = total
        il.StoreLocal(3);
        il.OpCode(ILOpCode.Nop); // 10: hidden
        il.LoadLocal(0); // 11: return total
        il.OpCode(ILOpCode.Ret);
        var bodyOffset = new MethodBodyStreamEncoder(ilStream).AddMethodBody(il, maxStack: 8, localSignature, MethodBodyAttributes.InitLocals);

        metadata.AddTypeDefinition(default, default, metadata.GetOrAddString("<Module>"), default, MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));
        metadata.AddTypeDefinition(
            TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.BeforeFieldInit,
            metadata.GetOrAddString("Synthetic"),
            metadata.GetOrAddString("Calc"),
            objectType,
            MetadataTokens.FieldDefinitionHandle(1),
            MetadataTokens.MethodDefinitionHandle(1));
        metadata.AddMethodDefinition(
            MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig,
            MethodImplAttributes.IL,
            metadata.GetOrAddString("Run"),
            metadata.GetOrAddBlob(signature),
            bodyOffset,
            MetadataTokens.ParameterHandle(1));
        metadata.AddParameter(ParameterAttributes.None, metadata.GetOrAddString("a"), 1);
    }

    private static MetadataBuilder BuildPdb(string documentPath, byte[] source, SourceEmbedding embedding)
    {
        var pdb = new MetadataBuilder();
        var document = pdb.AddDocument(
            pdb.GetOrAddDocumentName(documentPath),
            pdb.GetOrAddGuid(Sha256Kind),
            pdb.GetOrAddBlob(SHA256.HashData(source)),
            pdb.GetOrAddGuid(CSharpKind));
        pdb.AddMethodDebugInformation(document, pdb.GetOrAddBlob(SequencePoints()));
        if (embedding != SourceEmbedding.None)
        {
            pdb.AddCustomDebugInformation(document, pdb.GetOrAddGuid(EmbeddedSourceKind), pdb.GetOrAddBlob(EmbeddedSource(source, embedding)));
        }

        var method = MetadataTokens.MethodDefinitionHandle(1);
        var imports = pdb.AddImportScope(default, pdb.GetOrAddBlob(ImmutableArray<byte>.Empty));
        var variable = 1;
        void Scope(int start, int length, params (int Slot, string Name, bool Hidden)[] variables)
        {
            pdb.AddLocalScope(method, imports, MetadataTokens.LocalVariableHandle(variable), MetadataTokens.LocalConstantHandle(1), start, length);
            foreach (var (slot, name, hidden) in variables)
            {
                pdb.AddLocalVariable(hidden ? LocalVariableAttributes.DebuggerHidden : LocalVariableAttributes.None, slot, pdb.GetOrAddString(name));
                variable++;
            }
        }

        Scope(0, RootEnd, (0, "total", false), (4, "CS$<>8__locals0", false), (5, "temp", true));
        Scope(2, 2, (1, "first", false));
        Scope(4, 4, (1, "second", false), (2, "i", false));
        Scope(8, 2, (3, "i", false));
        return pdb;
    }

    /// <summary>Sequence points blob (Portable PDB spec): offsets 0, 2, 4, 8 → lines 6–9, 10 hidden, 11 → line 10.</summary>
    private static BlobBuilder SequencePoints()
    {
        var blob = new BlobBuilder();
        blob.WriteCompressedInteger(1); // local signature: StandAloneSig row 1
        (int Offset, int Line)[] points = [(0, 6), (2, 7), (4, 8), (8, 9), (10, 0), (11, 10)];
        int previousOffset = 0, previousLine = 0, previousColumn = 0;
        var first = true;
        foreach (var (offset, line) in points)
        {
            blob.WriteCompressedInteger(offset - previousOffset);
            previousOffset = offset;
            if (line == 0)
            {
                blob.WriteCompressedInteger(0);
                blob.WriteCompressedInteger(0);
                continue;
            }

            var text = SourceLines[line - 1];
            var startColumn = text.Length - text.TrimStart().Length + 1;
            var endColumn = text.Length + 1;
            blob.WriteCompressedInteger(0); // one line
            blob.WriteCompressedInteger(endColumn - startColumn);
            if (first)
            {
                blob.WriteCompressedInteger(line);
                blob.WriteCompressedInteger(startColumn);
                first = false;
            }
            else
            {
                blob.WriteCompressedSignedInteger(line - previousLine);
                blob.WriteCompressedSignedInteger(startColumn - previousColumn);
            }

            previousLine = line;
            previousColumn = startColumn;
        }

        return blob;
    }

    /// <summary>EmbeddedSource blob: format (0 = raw; else the raw size, deflate-compressed content follows), content.</summary>
    private static byte[] EmbeddedSource(byte[] source, SourceEmbedding embedding)
    {
        using var blob = new MemoryStream();
        blob.Write(BitConverter.GetBytes(embedding == SourceEmbedding.Raw ? 0 : source.Length));
        if (embedding == SourceEmbedding.Raw)
        {
            blob.Write(source);
        }
        else
        {
            using var deflate = new DeflateStream(blob, CompressionLevel.Optimal, leaveOpen: true);
            deflate.Write(source);
        }

        return blob.ToArray();
    }
}
