// Registers the prune engine functions: the registry adapts Args to the typed
// API of derive/prune.hpp and wraps its results as Values.
#include "core/registrations.hpp"
#include "core/registry_helpers.hpp"
#include "derive/prune.hpp"

namespace derive {
namespace {

constexpr const char* kDefinition = "definition (sparsity = fraction of zero weights)";
constexpr const char* kCsr =
    "Saad, 2003, Iterative Methods for Sparse Linear Systems, 2nd ed., sec. 3.4 (CSR); Han, Mao & Dally, "
    "2016, "
    "Deep Compression";

// Parameters several functions of this topic share, described once.
constexpr Param kSparsity = param("sparsity", "", "fraction zeroed, 0..1");
constexpr Param kTotal = param("total", "parameters", "all weights");

constexpr EngineFunction kPruneFunctions[] = {
    {{"sparsity", "Fraction of weights that are zero: zeroed / total.", kDefinition, "prune", ""},
     engine_call<&sparsity>,
     {kTotal, param("zeroed", "parameters", "weights set to zero")}},
    {{"density", "Fraction of weights that are non-zero: nonzeros / total.", kDefinition, "prune", ""},
     engine_call<&density>,
     {kTotal, param("nonzeros", "parameters", "non-zero weights")}},
    {{"nm_sparsity", "Sparsity of N:M structured sparsity (N kept in every M): 1 - N/M.",
      "Mishra et al., 2021, Accelerating Sparse Deep Neural Networks", "prune", ""},
     engine_call<&nm_sparsity>,
     {param("n", "", "weights kept per group"), param("m", "", "group size")}},
    {{"nonzeros", "Weights left after pruning to a sparsity, rounded to the nearest whole number.",
      kDefinition, "prune", "parameters"},
     engine_call<&nonzeros>,
     {kTotal, kSparsity}},
    {{"global_pruning_nonzeros",
      "Weights left after global pruning with one threshold: depends only on the total count.",
      "Han et al., 2015, Learning both Weights and Connections for Efficient Neural Networks (magnitude "
      "pruning); global threshold as compared in Blalock et al., 2020, What is the State of Neural Network "
      "Pruning?",
      "prune", "parameters"},
     engine_call<&global_pruning_nonzeros>,
     {param("layers", "", "number of layers"), param("params_per_layer", "parameters", "weights per layer"),
      kSparsity}},
    {{"dense_bytes", "Dense storage of all weights: total x bytes per value.",
      "definition (storage = count x width)", "prune", "B"},
     engine_call<&dense_bytes>,
     {kTotal, param("value_bytes", "B", "bytes per value")}},
    {{"csr_bytes",
      "CSR storage: value and column index per non-zero, plus rows + 1 row pointers when rows > 0.", kCsr,
      "prune", "B"},
     engine_call<&csr_bytes>,
     {kTotal, kSparsity, param("value_bytes", "B", "bytes per stored value"),
      param("index_bytes", "B", "bytes per column index"),
      param("rows", "", "matrix rows; 0 leaves out the row pointers", 0),
      param("pointer_bytes", "B", "bytes per row pointer", 4)}},
    {{"obd_saliency", "Optimal Brain Damage saliency: predicted loss increase h w^2 / 2 of zeroing a weight.",
      "LeCun, Denker & Solla, 1990, Optimal Brain Damage, eq. 6", "prune", ""},
     engine_call<&obd_saliency>,
     {param("weight", "", "weight value w_k"), param("hessian", "", "diagonal Hessian entry h_kk")}},
};

}  // namespace

void register_prune(Registry& r) { add_all(r, kPruneFunctions); }

}  // namespace derive
