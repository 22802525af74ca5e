module FunctionalGroups.FSharp.Tests.Laws
