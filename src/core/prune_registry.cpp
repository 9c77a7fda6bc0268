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

}  // namespace

void register_prune(Registry& r) {
  r.add({"sparsity",
         "Fraction of weights that are zero: zeroed / total.",
         kDefinition,
         "prune",
         {count("total", "parameters", "all weights"), count("zeroed", "parameters", "weights set to zero")},
         "",
         [](const Args& a) { return as_value(sparsity(a.count(0), a.count(1))); }});
  r.add({"density",
         "Fraction of weights that are non-zero: nonzeros / total.",
         kDefinition,
         "prune",
         {count("total", "parameters", "all weights"), count("nonzeros", "parameters", "non-zero weights")},
         "",
         [](const Args& a) { return as_value(density(a.count(0), a.count(1))); }});
  r.add({"nm_sparsity",
         "Sparsity of N:M structured sparsity (N kept in every M): 1 - N/M.",
         "Mishra et al., 2021, Accelerating Sparse Deep Neural Networks",
         "prune",
         {count("n", "", "weights kept per group"), count("m", "", "group size")},
         "",
         [](const Args& a) { return as_value(nm_sparsity(a.count(0), a.count(1))); }});
  r.add({"nonzeros",
         "Weights left after pruning to a sparsity, rounded to the nearest whole number.",
         kDefinition,
         "prune",
         {count("total", "parameters", "all weights"), real("sparsity", "", "fraction zeroed, 0..1")},
         "parameters",
         [](const Args& a) { return as_value(nonzeros(a.count(0), a.real(1))); }});
  r.add(
      {"global_pruning_nonzeros",
       "Weights left after global pruning with one threshold: depends only on the total count.",
       "Han et al., 2015, Learning both Weights and Connections for Efficient Neural Networks (magnitude "
       "pruning); global threshold as compared in Blalock et al., 2020, What is the State of Neural Network "
       "Pruning?",
       "prune",
       {count("layers", "", "number of layers"), count("params_per_layer", "parameters", "weights per layer"),
        real("sparsity", "", "fraction zeroed, 0..1")},
       "parameters",
       [](const Args& a) { return as_value(global_pruning_nonzeros(a.count(0), a.count(1), a.real(2))); }});
  r.add({"dense_bytes",
         "Dense storage of all weights: total x bytes per value.",
         "definition (storage = count x width)",
         "prune",
         {count("total", "parameters", "all weights"), real("value_bytes", "B", "bytes per value")},
         "B",
         [](const Args& a) { return as_value(dense_bytes(a.count(0), a.real(1))); }});
  r.add({"csr_bytes",
         "CSR storage: value and column index per non-zero, plus rows + 1 row pointers when rows > 0.",
         kCsr,
         "prune",
         {count("total", "parameters", "all weights"), real("sparsity", "", "fraction zeroed, 0..1"),
          real("value_bytes", "B", "bytes per stored value"),
          real("index_bytes", "B", "bytes per column index"),
          count("rows", "", "matrix rows; 0 leaves out the row pointers", 0),
          real("pointer_bytes", "B", "bytes per row pointer", 4)},
         "B",
         [](const Args& a) {
           return as_value(csr_bytes(a.count(0), a.real(1), a.real(2), a.real(3), a.count(4), a.real(5)));
         }});
  r.add({"obd_saliency",
         "Optimal Brain Damage saliency: predicted loss increase h w^2 / 2 of zeroing a weight.",
         "LeCun, Denker & Solla, 1990, Optimal Brain Damage, eq. 6",
         "prune",
         {real("weight", "", "weight value w_k"), real("hessian", "", "diagonal Hessian entry h_kk")},
         "",
         [](const Args& a) { return as_value(obd_saliency(a.real(0), a.real(1))); }});
}

}  // namespace derive
